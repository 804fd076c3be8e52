CREATE TABLE `goal_status_counts` (
	`program_id` text NOT NULL,
	`status` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`program_id`, `status`)
);
--> statement-breakpoint
CREATE TABLE `meeting_outcome_slots` (
	`program_id` text NOT NULL,
	`slot` integer NOT NULL,
	`outcome` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`program_id`, `slot`, `outcome`)
);
--> statement-breakpoint
CREATE TABLE `pairing_held_counts` (
	`pairing_id` text PRIMARY KEY NOT NULL,
	`program_id` text NOT NULL,
	`held` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`pairing_id`) REFERENCES `pairings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pairing_held_counts_program_idx` ON `pairing_held_counts` (`program_id`,`held`);--> statement-breakpoint
CREATE TABLE `stage_group_counts` (
	`program_id` text NOT NULL,
	`stage` text NOT NULL,
	`furthest` integer NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`program_id`, `stage`, `furthest`)
);
--> statement-breakpoint
CREATE INDEX `meeting_outcomes_starts_idx` ON `meeting_outcomes` (`starts_at`);