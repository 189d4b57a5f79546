// Microbenchmarks: parsing one Get Call Park Settings answer, and
// rendering the exposition of one and of many locations, plain and gzip.

#include <benchmark/benchmark.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "metrics/exposition.h"
#include "metrics/location_collector.h"
#include "metrics/location_store.h"
#include "webex/settings_parser.h"

namespace webex {
namespace {

std::string VendorExample() {
  std::ifstream in(WEBEX_TEST_DATA "/fixtures/vendor_example.json");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void BM_ParseSettings(benchmark::State& state) {
  std::string body = VendorExample();
  SettingsParser parser;
  for (auto _ : state) {
    ParseResult result = parser.Parse(body);
    benchmark::DoNotOptimize(result);
  }
  state.SetBytesProcessed(state.iterations() * body.size());
}
BENCHMARK(BM_ParseSettings);

// An id as long as a real one (about 80 base64 characters).
std::string LocationId(int i) {
  std::string id =
      "Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OLzAwMDAwMDAwLTAwMDAtNDAw"
      "MC04MDAwLTAwMDAwMDAwMDAw";
  std::string n = std::to_string(i);
  id.replace(id.size() - n.size(), n.size(), n);
  return id;
}

void FillStore(LocationStore& store, int locations) {
  Baseline expected;
  expected.recall_time = 45;
  expected.option = "ALERT_HUNT_GROUP_ONLY";
  std::vector<LocationTarget> targets;
  for (int i = 0; i < locations; ++i) {
    targets.push_back({"Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi8x",
                       LocationId(i), "Location " + std::to_string(i),
                       expected});
  }
  store.SetTargets(targets);
  CallParkSettings settings{"ALERT_HUNT_GROUP_ONLY", "NORMAL",       45, 60,
                            LocationId(99),          "Support group"};
  for (const auto& target : targets) {
    store.RecordSuccess(target.location_id, settings, 1.7e9);
  }
}

void BM_RenderLocations(benchmark::State& state) {
  LocationStore store;
  FillStore(store, static_cast<int>(state.range(0)));
  LocationCollector collector(store);
  Exposition exposition;
  exposition.Add(collector);
  size_t bytes = 0;
  for (auto _ : state) {
    std::string text = exposition.Render();
    bytes = text.size();
    benchmark::DoNotOptimize(text);
  }
  state.counters["bytes"] = static_cast<double>(bytes);
  state.counters["locations_per_s"] = benchmark::Counter(
      static_cast<double>(state.range(0)), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RenderLocations)
    ->Arg(1)
    ->Arg(100)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond);

// A gzip scrape of `range(0)` locations: warm (range(1) == 1) while the
// store stays as it is, so the per-location part comes from the cache;
// cold after a change to the store at every scrape.
void BM_RenderGzipLocations(benchmark::State& state) {
  LocationStore store;
  FillStore(store, static_cast<int>(state.range(0)));
  LocationCollector collector(store);
  Exposition exposition;
  exposition.Add(collector);
  bool warm = state.range(1) == 1;
  benchmark::DoNotOptimize(exposition.RenderGzip());  // fills the cache

  size_t bytes = 0;
  for (auto _ : state) {
    if (!warm) store.RecordFailure("not-a-location");  // a new version
    std::optional<std::string> packed = exposition.RenderGzip();
    bytes = packed ? packed->size() : 0;
    benchmark::DoNotOptimize(packed);
  }
  state.SetLabel(warm ? "warm" : "cold");
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_RenderGzipLocations)
    ->Args({10000, 1})
    ->Args({10000, 0})
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace webex

BENCHMARK_MAIN();
