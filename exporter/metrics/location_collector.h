#pragma once

#include <prometheus/collectable.h>
#include <prometheus/metric_family.h>

#include <vector>

#include "metrics/location_store.h"

namespace webex {

// Turns the LocationStore into the webex_callpark_* families and
// webex_exporter_locations at each scrape, so that series always match
// the store: a location gone from the store has no series left. Borrows
// the store. Collect() is thread-safe.
class LocationCollector : public prometheus::Collectable {
 public:
  explicit LocationCollector(const LocationStore& store);

  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  const LocationStore& store_;
};

}  // namespace webex
