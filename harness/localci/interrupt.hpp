#pragma once
// TERM, INT and HUP stop a run between steps: every wait in the harness polls this flag.

#include <chrono>

namespace canary::localci {

void install_interrupt_handlers();

// The signal that asked the run to stop, or 0.
int interrupt_signal();
inline bool interrupted() { return interrupt_signal() != 0; }

// Sleeps up to `duration`; returns false when a stop signal arrived meanwhile.
bool sleep_unless_interrupted(std::chrono::milliseconds duration);

}  // namespace canary::localci
