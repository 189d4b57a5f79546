#include "config/web_config_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "unit/support/bcrypt_hash.h"
#include "unit/support/test_dir.h"
#include "unit/support/throwaway_pki.h"

namespace webex {
namespace {

namespace fs = std::filesystem;

const char* kInvalidDir = WEBEX_TEST_DATA "/unit/config/web_invalid";

// Each fixture's first line is "# error: MESSAGE", where {file} stands
// for the fixture's path and {dir} for its directory.
std::string ExpectedError(const fs::path& fixture) {
  std::ifstream in(fixture);
  std::string first;
  std::getline(in, first);
  std::string message = first.substr(std::string("# error: ").size());
  for (auto [mark, value] :
       {std::pair<std::string, std::string>{"{file}", fixture.string()},
        {"{dir}", fixture.parent_path().string()}}) {
    if (size_t at = message.find(mark); at != std::string::npos) {
      message.replace(at, mark.size(), value);
    }
  }
  return message;
}

std::string LoadError(const std::string& path) {
  try {
    LoadWebConfigFile(path);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "accepted";
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(WebConfigFileTest, EveryInvalidFixtureFailsWithItsMessage) {
  int fixtures = 0;
  for (const auto& entry : fs::directory_iterator(kInvalidDir)) {
    SCOPED_TRACE(entry.path().filename().string());
    ++fixtures;
    EXPECT_EQ(LoadError(entry.path().string()), ExpectedError(entry.path()));
  }
  EXPECT_GE(fixtures, 15);
}

TEST(WebConfigFileTest, APasswordWrittenAsAHashIsNotRepeated) {
  std::string path = std::string(kInvalidDir) + "/plaintext_password.yml";
  EXPECT_EQ(LoadError(path).find("correct-horse"), std::string::npos);
}

TEST(WebConfigFileTest, EmptyFileAndEmptySectionsMeanNoSecurity) {
  for (const char* yaml :
       {"", "# nothing yet\n", "tls_server_config:\nbasic_auth_users:\n"}) {
    SCOPED_TRACE(yaml);
    WebConfigFile file = ParseWebConfigFile(yaml, "web.yml");
    EXPECT_FALSE(file.tls);
    EXPECT_TRUE(file.basic_auth_users.empty());
    EXPECT_TRUE(FilesNamedBy(file).empty());
  }
}

TEST(WebConfigFileTest, ReadsUsersWithTheirHashes) {
  std::string alice = testing::HashOf("a");
  std::string bob = testing::HashOf("b", "$2y$");
  WebConfigFile file = ParseWebConfigFile(
      "basic_auth_users:\n  alice: " + alice + "\n  bob: '" + bob + "'\n",
      "web.yml");
  EXPECT_EQ(file.basic_auth_users, (std::map<std::string, std::string>{
                                       {"alice", alice}, {"bob", bob}}));
}

class WebConfigFileTlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::TestDir("webex-webcfg");
    pki_ = std::make_unique<testing::ThrowawayPki>(dir_);
    ASSERT_TRUE(pki_->ok()) << ReadAll(pki_->Path("openssl.log"));
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& yaml) {
    std::string path = (dir_ / "web.yml").string();
    std::ofstream(path) << yaml;
    return path;
  }

  fs::path dir_;
  std::unique_ptr<testing::ThrowawayPki> pki_;
};

TEST_F(WebConfigFileTlsTest, ReadsEveryFileRelativeToItsOwnDirectory) {
  WebConfigFile file =
      LoadWebConfigFile(Write("tls_server_config:\n"
                              "  cert_file: server.crt\n"
                              "  key_file: server.key\n"
                              "  client_ca_file: ca.crt\n"
                              "  client_auth_type: RequireAndVerifyClientCert\n"
                              "  min_version: TLS13\n"));
  ASSERT_TRUE(file.tls);
  const TlsServerConfig& tls = *file.tls;
  EXPECT_EQ(tls.cert_file, pki_->server_cert());
  EXPECT_EQ(tls.key_file, pki_->server_key());
  EXPECT_EQ(tls.client_ca_file, pki_->ca_cert());
  EXPECT_EQ(tls.cert_pem, ReadAll(pki_->server_cert()));
  EXPECT_EQ(tls.key_pem, ReadAll(pki_->server_key()));
  EXPECT_EQ(tls.client_ca_pem, ReadAll(pki_->ca_cert()));
  EXPECT_EQ(tls.client_auth, ClientAuth::kRequireAndVerifyClientCert);
  EXPECT_EQ(tls.min_version, TlsVersion::kTls13);
  EXPECT_EQ(FilesNamedBy(file),
            (std::vector<std::string>{pki_->server_cert(), pki_->server_key(),
                                      pki_->ca_cert()}));
}

TEST_F(WebConfigFileTlsTest, DefaultsAreNoClientCertAndTls12) {
  WebConfigFile file = LoadWebConfigFile(
      Write("tls_server_config:\n  cert_file: " + pki_->server_cert() +
            "\n  key_file: " + pki_->server_key() + "\n"));
  ASSERT_TRUE(file.tls);
  EXPECT_EQ(file.tls->client_auth, ClientAuth::kNoClientCert);
  EXPECT_EQ(file.tls->min_version, TlsVersion::kTls12);
  EXPECT_EQ(file.tls->client_ca_pem, "");
}

TEST_F(WebConfigFileTlsTest, EveryClientAuthTypeWithACaIsRead) {
  for (auto [name, value] :
       {std::pair{"NoClientCert", ClientAuth::kNoClientCert},
        {"RequestClientCert", ClientAuth::kRequestClientCert},
        {"RequireAnyClientCert", ClientAuth::kRequireAnyClientCert},
        {"VerifyClientCertIfGiven", ClientAuth::kVerifyClientCertIfGiven}}) {
    SCOPED_TRACE(name);
    WebConfigFile file = LoadWebConfigFile(
        Write(std::string("tls_server_config:\n  cert_file: server.crt\n") +
              "  key_file: server.key\n  client_ca_file: ca.crt\n" +
              "  client_auth_type: " + name + "\n"));
    EXPECT_EQ(file.tls->client_auth, value);
  }
}

TEST_F(WebConfigFileTlsTest, AKeyOfAnotherCertificateIsRefusedAtKeyFile) {
  std::string path = Write(
      "tls_server_config:\n  cert_file: server.crt\n  key_file: client.key\n");
  std::string error = LoadError(path);
  EXPECT_EQ(
      error.rfind(path + ":3:13: tls_server_config.key_file: " +
                      pki_->client_key() + ": does not go with cert_file: ",
                  0),
      0u)
      << error;
}

TEST_F(WebConfigFileTlsTest, AFileWithoutTheRightPemIsRefusedWhereItIsNamed) {
  std::ofstream(dir_ / "garbage.pem") << "not a certificate\n";
  struct Case {
    std::string yaml;
    std::string start;
  };
  for (const Case& c : {
           Case{"  cert_file: server.key\n  key_file: server.key\n",
                ":2:14: tls_server_config.cert_file: " + pki_->server_key() +
                    ": holds no"},
           Case{"  cert_file: server.crt\n  key_file: server.crt\n",
                ":3:13: tls_server_config.key_file: " + pki_->server_cert() +
                    ": holds no PEM private key that needs no password: "},
           Case{"  cert_file: server.crt\n  key_file: server.key\n"
                "  client_ca_file: garbage.pem\n"
                "  client_auth_type: VerifyClientCertIfGiven\n",
                ":4:19: tls_server_config.client_ca_file: " +
                    (dir_ / "garbage.pem").string() + ": holds no"},
       }) {
    SCOPED_TRACE(c.yaml);
    std::string path = Write("tls_server_config:\n" + c.yaml);
    std::string error = LoadError(path);
    EXPECT_EQ(error.rfind(path + c.start, 0), 0u) << error;
  }
}

// The README's example, next to certificates under the names it uses.
TEST_F(WebConfigFileTlsTest, TheDeployExampleLoads) {
  fs::create_directories(dir_ / "tls");
  fs::copy_file(pki_->server_cert(), dir_ / "tls/server.crt");
  fs::copy_file(pki_->server_key(), dir_ / "tls/server.key");
  fs::copy_file(pki_->ca_cert(), dir_ / "tls/client-ca.crt");
  std::string path = (dir_ / "web-config.example.yml").string();
  fs::copy_file(WEBEX_TEST_DATA "/../deploy/web-config.example.yml", path);

  WebConfigFile file = LoadWebConfigFile(path);
  ASSERT_TRUE(file.tls);
  EXPECT_EQ(file.tls->client_auth, ClientAuth::kRequireAndVerifyClientCert);
  EXPECT_EQ(file.basic_auth_users.count("prometheus"), 1u);
}

}  // namespace
}  // namespace webex
