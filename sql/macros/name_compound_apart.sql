-- macro: Two names (name_tokens, name_compound_given) whose given names differ because one is hyphenated
-- and the other shows its first part without the second ("Ana-Luisa Ortega" / "Ana Ortega", "Ana M.
-- Ortega"): a hyphenated given name is a name of its own, not a given name with a middle name that can be
-- left out. Its second part as an initial ("Ana L. Ortega") may be either, so that is not apart; nor are
-- two names that both show it ("Hans-Peter Maria Nowak" / "Hans-Peter Nowak").
-- depends on: nothing
CREATE OR REPLACE TEMP MACRO name_compound_apart(ta, compound_a, tb, compound_b) AS
    len(ta) >= 2 AND len(tb) >= 2 AND ta[1] = tb[1] AND ta[-1] = tb[-1]
    AND NOT (compound_a AND compound_b AND ta[2] = tb[2])  -- one hyphenated given name in both
    AND (
        (compound_a AND NOT (len(tb) >= len(ta) AND tb[2][1] = ta[2][1]))
        OR (compound_b AND NOT (len(ta) >= len(tb) AND ta[2][1] = tb[2][1]))
    );
