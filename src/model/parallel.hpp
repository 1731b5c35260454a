#pragma once
// A few threads over independent items: spec parsing, lint's teeth checks, verify's dirs.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace canary {

// Threads worth starting for `count` items when each thread should have about `per_thread`
// of them: at least 1, at most `cap` and the machine's hardware threads.
inline std::size_t threads_for(std::size_t count, std::size_t per_thread, std::size_t cap) {
  const std::size_t hardware = std::max(1u, std::thread::hardware_concurrency());
  return std::max<std::size_t>(1, std::min({hardware, cap, count / per_thread + 1}));
}

// Calls body(i) for every i in [0, count) on up to `threads` threads, the caller's among them,
// each taking the next index. The first exception stops the others from taking more and is
// rethrown here once every thread has stopped.
template <class Body>
void parallel_for(std::size_t count, std::size_t threads, Body&& body) {
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < count;) body(i);
  };
  threads = std::max<std::size_t>(1, std::min(threads, count));
  if (threads == 1) {
    work();
    return;
  }
  std::vector<std::exception_ptr> errors(threads);
  {
    std::vector<std::jthread> helpers;
    for (std::size_t t = 1; t < threads; ++t) {
      helpers.emplace_back([&, t] {
        try {
          work();
        } catch (...) {
          errors[t] = std::current_exception();
          next = count;
        }
      });
    }
    try {
      work();
    } catch (...) {
      errors[0] = std::current_exception();
      next = count;
    }
  }  // joins the helpers
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
}

}  // namespace canary
