-- Issue 16 item 7 (fer-ge): a mandate names the services it covers; its delegates get rights only
-- within them. NULL: every service of the client (mandates filed before, or through the API
-- without the list).
ALTER TABLE mandate ADD COLUMN services text[];
