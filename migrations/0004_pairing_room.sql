CREATE TABLE `pairing_goals` (
	`pairing_id` text NOT NULL,
	`goal_id` text NOT NULL,
	`title` text NOT NULL,
	`status` text NOT NULL,
	`progress` integer NOT NULL,
	`target_date` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`pairing_id`, `goal_id`),
	FOREIGN KEY (`pairing_id`) REFERENCES `pairings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `pairing_stage_changes` (
	`pairing_id` text NOT NULL,
	`seq` integer NOT NULL,
	`from_stage` text NOT NULL,
	`to_stage` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`actor` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`pairing_id`, `seq`),
	FOREIGN KEY (`pairing_id`) REFERENCES `pairings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pairing_stage_changes_at_idx` ON `pairing_stage_changes` (`pairing_id`,`at`);--> statement-breakpoint
DROP INDEX `pairings_program_idx`;--> statement-breakpoint
ALTER TABLE `pairings` ADD `stage_reason` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `pairings` ADD `projection_version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `pairings` ADD `message_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `pairings` ADD `agreement_signed` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `pairings` ADD `agreement_version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `pairings` ADD `goal_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `pairings` ADD `goal_progress` integer;--> statement-breakpoint
CREATE INDEX `pairings_program_idx` ON `pairings` (`program_id`,`stage`);--> statement-breakpoint
ALTER TABLE `pairing_members` ADD `message_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `pairing_members` ADD `unread_count` integer DEFAULT 0 NOT NULL;