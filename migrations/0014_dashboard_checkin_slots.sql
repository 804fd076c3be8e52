CREATE TABLE `checkin_answer_slots` (
	`program_id` text NOT NULL,
	`slot` integer NOT NULL,
	`answer` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`program_id`, `slot`, `answer`)
);
--> statement-breakpoint
CREATE TABLE `checkin_slots` (
	`program_id` text NOT NULL,
	`slot` integer NOT NULL,
	`checkins` integer DEFAULT 0 NOT NULL,
	`expected` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`program_id`, `slot`)
);
--> statement-breakpoint
CREATE INDEX `checkins_program_closes_idx` ON `checkins` (`program_id`,`closes_at`,`opens_at`);--> statement-breakpoint
CREATE INDEX `meeting_outcomes_pairing_outcome_idx` ON `meeting_outcomes` (`pairing_id`,`outcome`,`starts_at`);