#include "interrupt.hpp"

#include <algorithm>
#include <csignal>
#include <initializer_list>
#include <thread>

namespace canary::localci {
namespace {

volatile std::sig_atomic_t g_signal = 0;

extern "C" void on_stop_signal(int signal) {
  if (g_signal == 0) g_signal = signal;
}

}  // namespace

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: blocking calls return EINTR and the loops look at the flag
  for (int signal : {SIGTERM, SIGINT, SIGHUP}) sigaction(signal, &action, nullptr);
  // A service closing its socket early must be an error value, not a dead harness.
  std::signal(SIGPIPE, SIG_IGN);
}

int interrupt_signal() { return g_signal; }

bool sleep_unless_interrupted(std::chrono::milliseconds duration) {
  using Clock = std::chrono::steady_clock;
  const auto until = Clock::now() + duration;
  while (!interrupted()) {
    const auto now = Clock::now();
    if (now >= until) return true;
    std::this_thread::sleep_for(
        std::min<Clock::duration>(until - now, std::chrono::milliseconds(5)));
  }
  return false;
}

}  // namespace canary::localci
