CREATE TABLE `mail_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`program_id` text,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`total` integer NOT NULL,
	`done` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `mail_jobs_program_idx` ON `mail_jobs` (`program_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `mail_suppressions` (
	`email` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`reason` text NOT NULL,
	`at` integer NOT NULL,
	`notification_id` text
);
--> statement-breakpoint
ALTER TABLE `notifications` ADD `provider_id` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `qstash_message_id` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `notifications` ADD `claimed_at` integer;--> statement-breakpoint
CREATE INDEX `notifications_provider_idx` ON `notifications` (`provider_id`);--> statement-breakpoint
CREATE INDEX `notifications_status_idx` ON `notifications` (`status`,`not_before`);