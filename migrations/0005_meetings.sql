CREATE TABLE `calendar_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`pairing_id` text,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	`last_used_at` integer,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `calendar_tokens_person_idx` ON `calendar_tokens` (`person_id`,`pairing_id`);--> statement-breakpoint
CREATE TABLE `meeting_changes` (
	`meeting_id` text NOT NULL,
	`recurrence_id` text NOT NULL,
	`status` text NOT NULL,
	`start_local` text,
	`duration_minutes` integer,
	`sequence` integer NOT NULL,
	PRIMARY KEY(`meeting_id`, `recurrence_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `meeting_outcomes` (
	`meeting_id` text NOT NULL,
	`recurrence_id` text NOT NULL,
	`pairing_id` text NOT NULL,
	`outcome` text NOT NULL,
	`starts_at` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	PRIMARY KEY(`meeting_id`, `recurrence_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `meeting_outcomes_pairing_idx` ON `meeting_outcomes` (`pairing_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`pairing_id` text NOT NULL,
	`organizer_id` text NOT NULL,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`location` text DEFAULT '' NOT NULL,
	`video_url` text DEFAULT '' NOT NULL,
	`time_zone` text NOT NULL,
	`start_local` text NOT NULL,
	`duration_minutes` integer NOT NULL,
	`repeat` text NOT NULL,
	`count` integer,
	`until` text,
	`status` text NOT NULL,
	`sequence` integer NOT NULL,
	`first_start` integer NOT NULL,
	`last_end` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`pairing_id`) REFERENCES `pairings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `meetings_pairing_idx` ON `meetings` (`pairing_id`,`first_start`);