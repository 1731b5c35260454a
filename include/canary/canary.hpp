#pragma once
// Everything a consumer of the Canary library uses: specs and their loader, run results and
// their parser, the verdict evaluator, profiles and the runner, records, reports and teeth.

#include <canary/diagnostic.hpp>
#include <canary/exit_codes.hpp>
#include <canary/profile.hpp>
#include <canary/report.hpp>
#include <canary/results_parser.hpp>
#include <canary/run_record.hpp>
#include <canary/run_result.hpp>
#include <canary/runner.hpp>
#include <canary/secrets.hpp>
#include <canary/spec.hpp>
#include <canary/spec_loader.hpp>
#include <canary/status.hpp>
#include <canary/teeth.hpp>
#include <canary/tier_table.hpp>
#include <canary/verdict.hpp>
#include <canary/version.hpp>
