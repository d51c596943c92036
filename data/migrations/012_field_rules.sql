-- Simple rules an administrator sets on an intake field (FieldRule, JSON):
-- a number range, or a date at least N months before registration.
ALTER TABLE item_fields ADD COLUMN rule TEXT NOT NULL DEFAULT '{}';
