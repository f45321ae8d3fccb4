-- Offers posted before owners were asked "still open?" count as confirmed on the day of this
-- upgrade: without it, every open offer older than 75 days would leave the open lists at the
-- first start, and those between 60 and 75 days would all be mailed at once. (On a new database
-- this changes nothing: no offer exists yet.)
UPDATE `offers` SET `confirmed_at` = CAST(strftime('%s', 'now') AS INTEGER) * 1000
WHERE `status` = 'open' AND `confirmed_at` IS NULL;
