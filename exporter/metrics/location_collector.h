#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <string>

#include "metrics/exposition.h"
#include "metrics/location_store.h"

namespace webex {

// Writes the webex_callpark_* families and webex_exporter_locations
// straight from the LocationStore into the text exposition format, at
// each scrape, so that series always match the store: a location gone
// from the store has no series left. It writes the text itself rather
// than through prometheus-cpp's MetricFamily objects, which cost a dozen
// allocations a series (about 1.4 s for 10,000 locations). Borrows the
// store. AppendTo(), Open() and Version() are thread-safe.
class LocationCollector : public TextSource {
 public:
  explicit LocationCollector(const LocationStore& store);

  void AppendTo(std::string& out) const override;

  // The same text, from one snapshot of the store, a piece at a time.
  std::unique_ptr<TextChunks> Open() const override;

  // The store's version: the text follows the store and nothing else.
  uint64_t Version() const override;

 private:
  const LocationStore& store_;
  mutable std::atomic<size_t> last_size_{0};  // of the last text written
};

}  // namespace webex
