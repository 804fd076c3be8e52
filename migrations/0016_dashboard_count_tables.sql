CREATE TABLE `meeting_outcome_slots` (
	`program_id` text NOT NULL,
	`slot` integer NOT NULL,
	`outcome` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`program_id`, `slot`, `outcome`)
);
--> statement-breakpoint
CREATE TABLE `stage_group_counts` (
	`program_id` text NOT NULL,
	`stage` text NOT NULL,
	`furthest` integer NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`program_id`, `stage`, `furthest`)
);
--> statement-breakpoint
CREATE INDEX `meeting_outcomes_starts_idx` ON `meeting_outcomes` (`starts_at`);