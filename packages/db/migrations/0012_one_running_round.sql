-- Before 0013 makes "one running round" a unique index: of the rounds stopped servers left
-- running, all but the newest are marked failed (start-up judges that one by its heartbeat).
UPDATE `matching_rounds`
SET `status` = 'failed',
  `error` = 'The server stopped while the round ran.',
  `finished_at` = (unixepoch('subsec') * 1000)
WHERE `status` = 'running'
  AND `id` <> (
    SELECT `id` FROM `matching_rounds` WHERE `status` = 'running'
    ORDER BY `created_at` DESC, `id` DESC LIMIT 1
  );
