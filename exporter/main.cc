// webex-callpark-exporter: wires the configuration, the poller and the web
// server together, then waits for signals.

#include <curl/curl.h>
#include <malloc.h>
#include <prometheus/registry.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <new>
#include <optional>
#include <thread>

#include "cli/flags.h"
#include "config/loader.h"
#include "config/web_config_file.h"
#include "log/logger.h"
#include "metrics/api_metrics.h"
#include "metrics/exporter_metrics.h"
#include "metrics/exposition.h"
#include "metrics/location_collector.h"
#include "metrics/location_store.h"
#include "poll/poller.h"
#include "util/clock.h"
#include "version.h"
#include "web/landing_page.h"
#include "web/listen_address.h"
#include "web/server.h"
#include "web/web_config_watcher.h"
#include "webex/call_park_client.h"
#include "webex/curl_transport.h"
#include "webex/dispatcher.h"
#include "webex/location_lister.h"
#include "webex/oauth_token_source.h"
#include "webex/rate_limiter.h"
#include "webex/retry_policy.h"
#include "webex/token_source.h"

namespace webex {
namespace {

// Everything one running exporter owns, in dependency order.
struct Exporter {
  Exporter(const Config& config, const Flags& flags, Logger& log)
      : transport(TransportOptionsOf(config.webex)),
        limiter(config.webex.requests_per_second),
        retry(RetryPolicy::Limits{.max_retries = config.webex.max_retries}),
        api_metrics(registry),
        exporter_metrics(registry, kVersion, kRevision, flags.shard,
                         flags.total_shards),
        dispatcher(transport, limiter, retry, api_metrics, log, clock,
                   config.webex.max_concurrency),
        client(config.webex.base_url, dispatcher, api_metrics),
        lister(config.webex.base_url, dispatcher, api_metrics),
        tokens(TokenSourceOf(config.webex, log)),
        collector(store),
        poller(client, lister, dispatcher, store, exporter_metrics, log, clock,
               *tokens, config.poll, Shard{flags.shard, flags.total_shards}) {
    exposition.Add(collector);
    exposition.Add(registry);
    poller.SetConfig(config);
    exporter_metrics.RecordConfigLoad(true, clock.UnixSeconds());
  }

  static TransportOptions TransportOptionsOf(const WebexConfig& webex) {
    TransportOptions options;
    options.timeout = webex.timeout;
    options.connect_timeout = std::min(webex.timeout, Duration(5000));
    options.max_connections = webex.max_concurrency;
    options.user_agent = std::string("webex-callpark-exporter/") + kVersion;
    return options;
  }

  std::unique_ptr<TokenSource> TokenSourceOf(const WebexConfig& webex,
                                             Logger& log) {
    if (!webex.oauth) return std::make_unique<StaticTokenSource>(webex);
    return std::make_unique<OAuthTokenSource>(webex.base_url, *webex.oauth,
                                              dispatcher, api_metrics,
                                              exporter_metrics, log, clock);
  }

  SystemClock clock;
  prometheus::Registry registry;
  CurlTransport transport;
  RateLimiter limiter;
  RetryPolicy retry;
  ApiMetrics api_metrics;
  ExporterMetrics exporter_metrics;
  Dispatcher dispatcher;
  CallParkClient client;
  LocationLister lister;
  std::unique_ptr<TokenSource> tokens;
  LocationStore store;
  LocationCollector collector;
  Exposition exposition;
  Poller poller;
};

// A SIGINT or SIGTERM cuts the cycle short, as it would a served one:
// what was polled is still printed, and the exit code is 1 because the
// cycle did not finish. A thread takes the signals; it looks every tenth
// of a second whether the cycle has ended without it.
int RunOnce(Exporter& exporter, Logger& log, const sigset_t& signals) {
  std::atomic<bool> done{false};
  std::atomic<bool> interrupted{false};
  std::thread waiter([&] {
    const timespec tick{0, 100'000'000};
    while (!done) {
      int signal = sigtimedwait(&signals, nullptr, &tick);
      if (signal != SIGINT && signal != SIGTERM) continue;
      log.Info("shutting down", {{"signal", std::to_string(signal)}});
      interrupted = true;
      exporter.poller.Stop();
      return;
    }
  });

  CycleSummary summary = exporter.poller.RunCycle();
  done = true;
  waiter.join();
  std::cout << exporter.exposition.Render();
  if (interrupted) return 1;
  // Nothing polled well, and something to poll or to list failed: an org
  // whose discovery failed has no locations to fail, yet is a failure.
  size_t failures = summary.failed + summary.skipped + summary.unlisted_orgs;
  return summary.ok == 0 && failures > 0 ? 1 : 0;
}

// yaml-cpp's node graph for a large file is tens of MB, freed as soon as
// the Config is built; glibc keeps such memory in its arenas unless asked
// to give it back, and a long-running daemon should.
void ReturnFreedMemory() { malloc_trim(0); }

// The sections of the file that only a restart applies, as they were read:
// the client, the token source (webex.oauth included; its secret files
// are re-read at each renewal all the same), the schedule and the
// listener are built from them at start-up.
struct FixedSections {
  WebexConfig webex;
  PollConfig poll;
  WebConfig web;
};

std::string NeedsRestart(const FixedSections& running, const Config& loaded) {
  std::string sections;
  auto note = [&](bool same, const char* name) {
    if (same) return;
    if (!sections.empty()) sections += ',';
    sections += name;
  };
  note(running.webex == loaded.webex, "webex");
  note(running.poll == loaded.poll, "poll");
  note(running.web == loaded.web, "web");
  return sections;
}

std::string Rejected(const std::string& error, Exporter& exporter,
                     Logger& log) {
  exporter.exporter_metrics.RecordConfigLoad(false, 0);
  log.Error("configuration reload rejected", {{"err", error}});
  return error;
}

// Applies the file at `path` again; SIGHUP and POST /-/reload come here,
// from different threads, which is safe because LoadConfig is pure and
// the poller and metrics lock. Returns the error, or "" when it took.
std::string Reload(const std::string& path, const FixedSections& running,
                   Exporter& exporter, Logger& log) {
  try {
    Config config = LoadConfig(path);
    ReturnFreedMemory();
    if (std::string sections = NeedsRestart(running, config);
        !sections.empty()) {
      log.Warn("reload cannot apply these sections; restart to apply them",
               {{"sections", sections}});
    }
    exporter.poller.SetConfig(config);
    exporter.exporter_metrics.RecordConfigLoad(true,
                                               exporter.clock.UnixSeconds());
    log.Info("configuration reloaded", {{"config", path}});
    return "";
  } catch (const ConfigError& e) {
    return Rejected(e.what(), exporter, log);
  } catch (const std::bad_alloc&) {
    return Rejected(path + ": out of memory reading it", exporter, log);
  }
}

const char* OnOff(bool on) { return on ? "on" : "off"; }

// `loaded` is the file as read, before command-line overrides: what a
// reload compares the file with. `security` is --web.config.file's.
int Serve(const Config& config, const FixedSections& loaded, const Flags& flags,
          const WebConfigFile& security, Exporter& exporter, Logger& log,
          const sigset_t& signals) {
  const std::string& path = flags.config_file;
  WebRoutes routes{[&] { return exporter.exposition.Render(); },
                   [&] { return exporter.poller.Ready(); },
                   [&] {
                     return LandingPage(kVersion, exporter.store.size(),
                                        exporter.poller.Ready());
                   },
                   [&] { return Reload(path, loaded, exporter, log); },
                   [&] { return exporter.exposition.RenderGzip(); },
                   [&] { return exporter.exposition.Stream(); }};
  std::unique_ptr<WebServer> server;
  try {
    server = std::make_unique<WebServer>(config.web.listen_address, routes,
                                         security);
  } catch (const BindError& e) {
    log.Error("cannot start the web server", {{"err", e.what()}});
    return 1;
  }
  log.Info("listening",
           {{"address", config.web.listen_address},
            {"port", std::to_string(server->port())},
            {"tls", OnOff(security.tls.has_value())},
            {"basic_auth", OnOff(!security.basic_auth_users.empty())}});
  std::optional<WebConfigWatcher> watcher;  // stops before the server
  if (!flags.web_config_file.empty()) {
    watcher.emplace(
        flags.web_config_file, security,
        [&](const WebConfigFile& file) { return server->Secure(file); }, log,
        std::chrono::seconds(1));
  }

  exporter.poller.Start();
  for (;;) {
    int signal = 0;
    sigwait(&signals, &signal);
    if (signal == SIGHUP) {
      Reload(path, loaded, exporter, log);
      continue;
    }
    log.Info("shutting down", {{"signal", std::to_string(signal)}});
    exporter.poller.Stop();
    return 0;
  }
}

int Main(int argc, char** argv) {
  auto parsed = ParseFlags(argc, argv);
  if (auto* error = std::get_if<FlagError>(&parsed)) {
    std::cerr << "webex-callpark-exporter: " << error->message << "\n"
              << Usage();
    return 2;
  }
  Flags flags = std::get<Flags>(parsed);
  if (flags.help) {
    std::cout << Usage();
    return 0;
  }
  if (flags.version) {
    std::cout << "webex-callpark-exporter " << kVersion << " (" << kRevision
              << ")\n";
    return 0;
  }
  Logger log(flags.log_level, flags.log_format, stderr);

  Config config;
  try {
    config = LoadConfig(flags.config_file);
  } catch (const ConfigError& e) {
    log.Error("invalid configuration", {{"err", e.what()}});
    return 1;
  } catch (const std::bad_alloc&) {
    log.Error("invalid configuration",
              {{"err", flags.config_file + ": out of memory reading it"}});
    return 1;
  }
  ReturnFreedMemory();
  WebConfigFile security;
  try {
    if (!flags.web_config_file.empty()) {
      security = LoadWebConfigFile(flags.web_config_file);
    }
  } catch (const ConfigError& e) {
    log.Error("invalid web config", {{"err", e.what()}});
    return 1;
  }
  const FixedSections loaded{config.webex, config.poll, config.web};
  if (flags.listen_address) config.web.listen_address = *flags.listen_address;
  if (flags.check_config) {
    try {
      if (flags.listen_address) ParseListenAddress(*flags.listen_address);
    } catch (const BindError& e) {
      // The file's own address was checked at load; this is the flag's.
      log.Error("invalid configuration",
                {{"err", std::string("--web.listen-address: ") + e.what()}});
      return 1;
    }
    std::cout << flags.config_file << ": ok\n";
    if (!flags.web_config_file.empty()) {
      std::cout << flags.web_config_file << ": ok\n";
    }
    return 0;
  }

  // Signals are taken by sigwait below; block them before any thread
  // starts so that every thread inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  for (int s : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&signals, s);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  curl_global_init(CURL_GLOBAL_DEFAULT);
  int code = 0;
  {
    Exporter exporter(config, flags, log);
    log.Info("starting",
             {{"version", kVersion},
              {"revision", kRevision},
              {"config", flags.config_file},
              {"base_url", config.webex.base_url},
              {"orgs", std::to_string(config.orgs.size())},
              {"interval_ms", std::to_string(config.poll.interval.count())},
              {"max_concurrency", std::to_string(config.webex.max_concurrency)},
              {"shard", std::to_string(flags.shard) + "/" +
                            std::to_string(flags.total_shards)}});
    code = flags.once
               ? RunOnce(exporter, log, signals)
               : Serve(config, loaded, flags, security, exporter, log, signals);
  }
  curl_global_cleanup();
  return code;
}

}  // namespace
}  // namespace webex

int main(int argc, char** argv) { return webex::Main(argc, argv); }
