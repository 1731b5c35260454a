#pragma once
// `{name}` placeholders in recipe strings and config templates, e.g. `{volume.data}`.
//
// A placeholder is `{` + a lowercase dotted name + `}`; other braces (nginx blocks, SQL
// arrays) are left alone. There is no escape: an unknown name is an error, never left as is.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace canary::localci {

// Every placeholder name in `text`, in order.
std::vector<std::string> placeholder_names(std::string_view text);

using Lookup = std::function<std::optional<std::string>(std::string_view name)>;

// Replaces every placeholder; nullopt with `error` naming the first unknown one.
std::optional<std::string> render(std::string_view text, const Lookup& lookup, std::string* error);

}  // namespace canary::localci
