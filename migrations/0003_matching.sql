CREATE TABLE `match_avoids` (
	`program_id` text NOT NULL,
	`person_id` text NOT NULL,
	`avoid_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`program_id`, `person_id`, `avoid_id`),
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`avoid_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `match_proposals` (
	`id` text PRIMARY KEY NOT NULL,
	`run_id` text NOT NULL,
	`program_id` text NOT NULL,
	`mentor_id` text NOT NULL,
	`mentee_id` text NOT NULL,
	`score` integer NOT NULL,
	`reasons` text NOT NULL,
	`original_score` integer,
	`approved` integer DEFAULT false NOT NULL,
	`edited_by` text,
	`pairing_id` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `match_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`mentor_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`mentee_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `match_proposals_pair_unique` ON `match_proposals` (`run_id`,`mentor_id`,`mentee_id`);--> statement-breakpoint
CREATE INDEX `match_proposals_mentee_idx` ON `match_proposals` (`run_id`,`mentee_id`);--> statement-breakpoint
CREATE TABLE `match_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`program_id` text NOT NULL,
	`mentee_id` text NOT NULL,
	`mentor_id` text NOT NULL,
	`message` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`score` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`decided_at` integer,
	`pairing_id` text,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`mentee_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`mentor_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `match_requests_mentor_idx` ON `match_requests` (`mentor_id`,`status`);--> statement-breakpoint
CREATE INDEX `match_requests_mentee_idx` ON `match_requests` (`mentee_id`,`program_id`);--> statement-breakpoint
CREATE TABLE `match_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`program_id` text NOT NULL,
	`status` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	`published_at` integer,
	`mentor_count` integer DEFAULT 0 NOT NULL,
	`mentee_count` integer DEFAULT 0 NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`week` text NOT NULL,
	`rounds` integer DEFAULT 0 NOT NULL,
	`unmatched` text DEFAULT '[]' NOT NULL,
	`error` text,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `match_runs_program_idx` ON `match_runs` (`program_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `pairing_members` (
	`pairing_id` text NOT NULL,
	`person_id` text NOT NULL,
	`role` text NOT NULL,
	`program_id` text NOT NULL,
	PRIMARY KEY(`pairing_id`, `person_id`),
	FOREIGN KEY (`pairing_id`) REFERENCES `pairings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pairing_members_person_idx` ON `pairing_members` (`person_id`,`role`);--> statement-breakpoint
CREATE INDEX `pairing_members_program_idx` ON `pairing_members` (`program_id`);--> statement-breakpoint
CREATE TABLE `pairings` (
	`id` text PRIMARY KEY NOT NULL,
	`program_id` text NOT NULL,
	`source` text NOT NULL,
	`stage` text DEFAULT 'onboarding' NOT NULL,
	`created_at` integer NOT NULL,
	`last_activity_at` integer,
	`ended_at` integer,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pairings_program_idx` ON `pairings` (`program_id`);--> statement-breakpoint
ALTER TABLE `memberships` ADD `attributes` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `memberships` ADD `wants` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `programs` ADD `match_settings` text;