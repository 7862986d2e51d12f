-- Issue 14 item 11: a filed document is kept under a safe name with the extension of its detected
-- type (documents/rules.ts, `documentName`, for the documents filed from now on). The ones filed
-- before get the same treatment here: the last path segment, its extension dropped, every run of
-- other characters than letters, digits, spaces, `-` and `_` turned into `-`, 80 at most, and the
-- type's extension. (Under a C collation, accented letters count as other characters here.)
WITH named AS (
  SELECT id, media_type,
         left(btrim(regexp_replace(regexp_replace(regexp_replace(filename, '^.*[\\/]', ''), '\.[^.]*$', ''), '[^[:alnum:] _-]+', '-', 'g'), ' -'), 80) AS base
    FROM document
)
UPDATE document d
   SET filename = (CASE WHEN btrim(n.base, ' -') = '' THEN 'document' ELSE btrim(n.base, ' -') END)
                  || CASE d.media_type WHEN 'application/pdf' THEN '.pdf' WHEN 'image/png' THEN '.png' ELSE '.jpg' END
  FROM named n
 WHERE n.id = d.id;
