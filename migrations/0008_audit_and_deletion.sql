CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`program_id` text,
	`actor_id` text,
	`action` text NOT NULL,
	`pairing_id` text,
	`subject_id` text,
	`detail` text DEFAULT '{}' NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_program_idx` ON `audit_log` (`program_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_subject_idx` ON `audit_log` (`subject_id`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor_id`);--> statement-breakpoint
ALTER TABLE `people` ADD `deleted_at` integer;