DROP INDEX `survey_requests_once`;--> statement-breakpoint
DROP INDEX `survey_requests_person_idx`;--> statement-breakpoint
ALTER TABLE `survey_requests` ADD `occasion` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `survey_requests_once_each` ON `survey_requests` (`survey_id`,`pairing_id`,`person_id`,`occasion`);--> statement-breakpoint
CREATE INDEX `survey_requests_person_idx` ON `survey_requests` (`person_id`,`answered_at`,`expires_at`);--> statement-breakpoint
ALTER TABLE `library_items` ADD `file_name` text;--> statement-breakpoint
ALTER TABLE `library_items` ADD `file_kind` text;--> statement-breakpoint
ALTER TABLE `library_items` ADD `file_size` integer;