#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace webex::testing {

// Certificates made for one test by the openssl command line, in a
// directory the test owns: a self-signed server certificate for 127.0.0.1
// and ::1, a client CA with a client certificate it signed, and a second
// CA's client certificate that nobody trusts. EC P-256 keys, valid two
// days. ok() says whether openssl did all of it; its output goes to
// openssl.log in the directory.
class ThrowawayPki {
 public:
  explicit ThrowawayPki(const std::filesystem::path& dir) : dir_(dir) {
    std::filesystem::create_directories(dir_);
    ok_ = MakeServer("server") && MakeCa("ca") && MakeCa("stranger-ca") &&
          MakeClient("client", "ca") && MakeClient("stranger", "stranger-ca");
  }

  bool ok() const { return ok_; }

  // NAME.crt and NAME.key: another self-signed server certificate.
  bool MakeServer(const std::string& name) {
    return Run("req -x509 " + NewKey(name) + " -days 2 -subj /CN=127.0.0.1" +
               " -addext subjectAltName=IP:127.0.0.1,IP:::1 -out " +
               Path(name + ".crt"));
  }

  // NAME.crt and NAME.key: a client certificate signed by CA (its .crt
  // and .key), for the extended key usage `purpose`.
  bool MakeClient(const std::string& name, const std::string& ca,
                  const std::string& purpose = "clientAuth") {
    std::string extensions = Path(name + ".ext");
    std::ofstream(extensions) << "extendedKeyUsage=" << purpose << "\n";
    return Run("req -new " + NewKey(name) + " -subj /CN=" + name + " -out " +
               Path(name + ".csr")) &&
           Run("x509 -req -in " + Path(name + ".csr") + " -CA " +
               Path(ca + ".crt") + " -CAkey " + Path(ca + ".key") +
               " -set_serial 2 -days 2 -extfile " + extensions + " -out " +
               Path(name + ".crt"));
  }

  std::string Path(const std::string& file) const {
    return (dir_ / file).string();
  }
  std::string server_cert() const { return Path("server.crt"); }
  std::string server_key() const { return Path("server.key"); }
  std::string ca_cert() const { return Path("ca.crt"); }
  std::string client_cert() const { return Path("client.crt"); }
  std::string client_key() const { return Path("client.key"); }
  std::string stranger_cert() const { return Path("stranger.crt"); }
  std::string stranger_key() const { return Path("stranger.key"); }

 private:
  std::string NewKey(const std::string& name) const {
    return "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout " +
           Path(name + ".key");
  }

  bool MakeCa(const std::string& name) {
    return Run("req -x509 " + NewKey(name) + " -days 2 -subj /CN=" + name +
               " -out " + Path(name + ".crt"));
  }

  bool Run(const std::string& args) const {
    std::string command =
        "openssl " + args + " >>" + Path("openssl.log") + " 2>&1";
    return std::system(command.c_str()) == 0;
  }

  std::filesystem::path dir_;
  bool ok_ = false;
};

}  // namespace webex::testing
