#include "results_grammar.hpp"

namespace canary::results_detail {
namespace {

constexpr KnownKey kTop[] = {
    {"results", Slot::results}, {"stages", Slot::stages},   {"recipe", Slot::metadata},
    {"ref", Slot::metadata},    {"run_id", Slot::metadata}, {"finished", Slot::metadata},
    {"schema", Slot::schema},   {"level", Slot::level},     {"rungs", Slot::rungs},
    {"flags", Slot::flags},     {"skips", Slot::skips},
};
constexpr KnownKey kStage[] = {
    {"name", Slot::stage_name}, {"status", Slot::stage_status}, {"tests", Slot::tests}};
constexpr KnownKey kTest[] = {
    {"name", Slot::test_name}, {"status", Slot::test_status}, {"ms", Slot::test_ms}};
constexpr KnownKey kSkipEntry[] = {
    {"tier", Slot::skip_tier}, {"name", Slot::skip_name}, {"reason", Slot::skip_entry_reason}};

// The slot of every member of each map and array.
struct MemberSlot {
  FrameKind kind;
  Slot slot;
};
constexpr MemberSlot kMemberSlots[] = {
    {FrameKind::results, Slot::tier_status}, {FrameKind::rungs, Slot::rung_status},
    {FrameKind::flags, Slot::flag},          {FrameKind::skip_map, Slot::skip_reason},
    {FrameKind::stages, Slot::stage},        {FrameKind::tests, Slot::test},
    {FrameKind::skip_list, Slot::skip_entry},
};

}  // namespace

bool is_array(FrameKind kind) {
  return kind == FrameKind::stages || kind == FrameKind::tests || kind == FrameKind::skip_list;
}

bool is_map(FrameKind kind) {
  return kind == FrameKind::results || kind == FrameKind::rungs || kind == FrameKind::flags ||
         kind == FrameKind::skip_map;
}

std::span<const KnownKey> known_keys(FrameKind kind) {
  switch (kind) {
    case FrameKind::top:
      return kTop;
    case FrameKind::stage:
      return kStage;
    case FrameKind::test:
      return kTest;
    case FrameKind::skip_entry:
      return kSkipEntry;
    default:
      return {};
  }
}

Slot member_slot(FrameKind kind) {
  for (const MemberSlot& entry : kMemberSlots) {
    if (entry.kind == kind) return entry.slot;
  }
  return Slot::ignored;
}

bool is_schema2_key(Slot slot) {
  return slot == Slot::stages || slot == Slot::level || slot == Slot::rungs ||
         slot == Slot::flags || slot == Slot::skips;
}

const char* expected_for(Slot slot) {
  switch (slot) {
    case Slot::stages:
    case Slot::tests:
      return "an array";
    case Slot::skips:
      return "an object or an array";
    case Slot::tier_status:
    case Slot::stage_status:
    case Slot::test_status:
    case Slot::rung_status:
      return "a status word";
    case Slot::metadata:
    case Slot::stage_name:
    case Slot::test_name:
    case Slot::skip_reason:
    case Slot::skip_tier:
    case Slot::skip_name:
    case Slot::skip_entry_reason:
      return "a string";
    case Slot::level:
      return "a non-negative integer";
    case Slot::schema:
      return "1 or 2";
    case Slot::flag:
      return "true or false";
    case Slot::test_ms:
      return "a non-negative number";
    default:
      return "an object";
  }
}

}  // namespace canary::results_detail
