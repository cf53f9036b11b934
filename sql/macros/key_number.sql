-- macro: A 16-hex-digit key as the unsigned 64-bit number it spells. The fact tables store keys as numbers
-- (a quarter of the bytes, and integer joins); the contract views print them back with printf('%016x', n).
-- depends on: nothing
CREATE OR REPLACE TEMP MACRO key_number(key_text) AS
    CAST('0x' || key_text AS UBIGINT);
