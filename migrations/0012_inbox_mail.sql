CREATE TABLE `meeting_reminder_prefs` (
	`person_id` text PRIMARY KEY NOT NULL,
	`lead_minutes` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `notifications` ADD `thread` text;