#pragma once
// `canary verify --latest`: the newest run of each canary under artifact roots.

#include <string>
#include <vector>

namespace canary::cli {

// The newest recorded run of each canary under the roots (by `started` as a time, sub-second
// when recorded, then the highest attempt, then the dir name), optionally only runs recorded
// after `newer_than` was last touched. Records whose `started` is no time sort oldest.
// A record the run index does not vouch for, an unreadable one, and a run the index says Canary
// started and never recorded are candidates too, so they are judged rather than hidden.
std::vector<std::string> latest_runs(const std::vector<std::string>& roots,
                                     const std::string& newer_than, std::string& error);

}  // namespace canary::cli
