Feature: dialect
  Scenario: passes
    Given a number 1
    Then it is 1
  Scenario: fails
    Given a number 1
    Then it is 2
  Scenario: undefined step
    Given a number 1
    Then something nobody wrote
