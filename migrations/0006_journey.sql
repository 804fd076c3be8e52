CREATE TABLE `checkin_answers` (
	`checkin_id` text NOT NULL,
	`person_id` text NOT NULL,
	`pairing_id` text NOT NULL,
	`answer` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`answered_at` integer NOT NULL,
	PRIMARY KEY(`checkin_id`, `person_id`),
	FOREIGN KEY (`checkin_id`) REFERENCES `checkins`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `checkin_answers_pairing_idx` ON `checkin_answers` (`pairing_id`,`answered_at`);--> statement-breakpoint
CREATE TABLE `checkins` (
	`id` text PRIMARY KEY NOT NULL,
	`pairing_id` text NOT NULL,
	`program_id` text NOT NULL,
	`milestone` text NOT NULL,
	`opens_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	FOREIGN KEY (`pairing_id`) REFERENCES `pairings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checkins_pairing_milestone_unique` ON `checkins` (`pairing_id`,`milestone`);--> statement-breakpoint
CREATE INDEX `checkins_program_idx` ON `checkins` (`program_id`,`opens_at`);--> statement-breakpoint
CREATE TABLE `notification_prefs` (
	`person_id` text NOT NULL,
	`category` text NOT NULL,
	`mode` text NOT NULL,
	PRIMARY KEY(`person_id`, `category`),
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `notifications` ADD `person_id` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `category` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `not_before` integer;--> statement-breakpoint
ALTER TABLE `notifications` ADD `delivered_at` integer;--> statement-breakpoint
ALTER TABLE `pairings` ADD `risk_reason` text;--> statement-breakpoint
ALTER TABLE `pairings` ADD `risk_since` integer;--> statement-breakpoint
ALTER TABLE `programs` ADD `milestone_template` text;