-- macro: The blocking keys of a name (name_tokens, name_nickname): authors sharing one are compared.
-- si: surname and first initial; ns: the name without spaces or hyphens; f2: the first two tokens (a
-- dropped second surname); st: sorted tokens (family name first); ni: without a leading initial;
-- fl: first and last token (a middle name or initial absent), or nickname and surname; ph: the
-- transliterations folded (name_phonetic).
-- depends on: name_phonetic
CREATE OR REPLACE TEMP MACRO name_block_keys(tokens, nickname) AS
    list_filter(
        [
            'si:' || tokens[-1] || ' ' || tokens[1][1],
            'ns:' || array_to_string(tokens, ''),
            CASE WHEN len(tokens) >= 2 THEN 'f2:' || tokens[1] || ' ' || tokens[2] END,
            'st:' || array_to_string(list_sort(tokens), ' '),
            'ni:' || CASE
                WHEN len(tokens[1]) = 1 AND len(tokens) > 1 THEN array_to_string(tokens[2:], ' ')
                ELSE array_to_string(tokens, ' ')
            END,
            CASE WHEN len(tokens) >= 2 THEN 'fl:' || tokens[1] || ' ' || tokens[-1] END,
            CASE WHEN nickname IS NOT NULL THEN 'fl:' || nickname || ' ' || tokens[-1] END,
            'ph:' || array_to_string(name_phonetic(tokens), ' ')
        ],
        lambda block_key: block_key IS NOT NULL
    );
