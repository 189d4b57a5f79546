#pragma once

#include <cstddef>

namespace webex {

// Asks the kernel to back [data, data + size) with transparent huge pages
// (madvise MADV_HUGEPAGE), for the whole 2 MiB pages inside the range.
// Meant for a large buffer not yet written: a 45 MB answer then costs a
// few dozen page faults instead of some eleven thousand, which were half
// the time of rendering it. Only a hint; does nothing where the kernel
// has huge pages turned off, and for ranges smaller than a huge page.
void AdviseHugePages(void* data, size_t size);

}  // namespace webex
