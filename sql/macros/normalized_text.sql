-- macro: The one normalization behind every key and name match: Unicode NFC, lower case, and every run of
-- punctuation, symbols and spacing folded to one space. Changing it changes every key: that needs a
-- migration that re-keys existing rows.
-- depends on: nothing
CREATE OR REPLACE TEMP MACRO normalized_text(text) AS
    trim(regexp_replace(lower(nfc_normalize(text)), '[\pP\pS\pZ\pC\s]+', ' ', 'g'));
