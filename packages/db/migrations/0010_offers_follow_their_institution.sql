-- An offer's country and region are copied from its institution (filters need no join): when an
-- admin corrects the institution's country, its offers follow — and through them their
-- partnerships' copies (0008) — and count as changed for the matcher, which catches up by
-- updated_at.
CREATE TRIGGER `offers_follow_institution` AFTER UPDATE OF `country`, `region` ON `institutions`
WHEN OLD.`country` IS NOT NEW.`country` OR OLD.`region` IS NOT NEW.`region`
BEGIN
  UPDATE `offers` SET
    `country` = NEW.`country`,
    `region` = NEW.`region`,
    `updated_at` = max(`updated_at` + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER))
  WHERE `institution_id` = NEW.`id`;
END;
