# canary_add_canaries(DIRECTORY <dir> [PROFILE <file>] ...): defined in a later step.
function(canary_add_canaries)
endfunction()
