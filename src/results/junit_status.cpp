#include "junit_status.hpp"

#include <algorithm>
#include <string_view>

namespace canary::results_detail {
namespace {

// How bad a status is, for merging duplicate reports: a failed assertion is the news.
int badness(Status status) {
  switch (status) {
    case Status::pass:
    case Status::not_run: return 0;  // never parsed from a report
    case Status::xfail: return 1;
    case Status::skip: return 2;
    case Status::unver: return 3;
    case Status::error: return 4;
    case Status::xpass: return 5;
    case Status::fail: return 6;
  }
  return 6;
}

// CTest writes every test it did not run as <skipped>; only these two messages are real skips.
bool is_real_ctest_skip(std::string_view message) {
  return message.starts_with("SKIP_RETURN_CODE") || message.starts_with("SKIP_REGULAR_EXPRESSION");
}

}  // namespace

Status case_status(const JunitCase& c) {
  if (c.failures > 0) {
    return c.failure_message.starts_with("[XPASS(strict)]") ? Status::xpass : Status::fail;
  }
  if (c.errors > 0) return Status::error;
  if (c.skips > 0) {
    if (c.skip_type == "pytest.xfail") return Status::xfail;
    if (c.status_attribute == "notrun" && !is_real_ctest_skip(c.skip_message)) return Status::fail;
    return Status::skip;
  }
  if (c.status_attribute == "fail") return Status::fail;
  if (c.status_attribute == "notrun" || c.status_attribute == "disabled" ||
      c.result_attribute == "suppressed" || c.result_attribute == "skipped") {
    return Status::skip;
  }
  return Status::pass;
}

void TierTests::add(const JunitCase& c) {
  const Status status = case_status(c);
  std::string key = c.classname;
  key += '\0';
  key += c.name;
  const auto [slot, fresh] = index_.try_emplace(std::move(key), tests_.size());
  if (fresh) {
    TestResult test;
    test.name = c.name;
    test.classname = c.classname;
    test.status = status;
    test.ms = c.ms;
    test.also_reported = c.reruns;
    tests_.push_back(std::move(test));
    return;
  }
  TestResult* same = &tests_[slot->second];
  if (badness(status) > badness(same->status)) {
    same->also_reported.push_back(same->status);
    same->status = status;
  } else {
    same->also_reported.push_back(status);
  }
  same->also_reported.insert(same->also_reported.end(), c.reruns.begin(), c.reruns.end());
}

Status tier_status(const std::vector<TestResult>& tests) {
  bool all_skipped = true;
  for (const TestResult& test : tests) {
    if (test.status == Status::fail || test.status == Status::error ||
        test.status == Status::xpass) {
      return Status::fail;
    }
    all_skipped = all_skipped && test.status == Status::skip;
  }
  return all_skipped ? Status::skip : Status::pass;
}

}  // namespace canary::results_detail
