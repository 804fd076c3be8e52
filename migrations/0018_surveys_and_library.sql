CREATE TABLE `library_items` (
	`id` text PRIMARY KEY NOT NULL,
	`program_id` text NOT NULL,
	`title` text NOT NULL,
	`url` text,
	`body` text DEFAULT '' NOT NULL,
	`milestone` text NOT NULL,
	`tags` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `library_items_program_idx` ON `library_items` (`program_id`,`milestone`);--> statement-breakpoint
CREATE TABLE `library_opens` (
	`item_id` text NOT NULL,
	`pairing_id` text NOT NULL,
	`opened_at` integer NOT NULL,
	PRIMARY KEY(`item_id`, `pairing_id`),
	FOREIGN KEY (`item_id`) REFERENCES `library_items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `survey_answers` (
	`request_id` text NOT NULL,
	`question_id` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`request_id`, `question_id`, `value`),
	FOREIGN KEY (`request_id`) REFERENCES `survey_requests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `survey_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`survey_id` text NOT NULL,
	`person_id` text NOT NULL,
	`pairing_id` text NOT NULL,
	`role` text NOT NULL,
	`stage` text NOT NULL,
	`expires_at` integer NOT NULL,
	`answered_at` integer,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_requests_once` ON `survey_requests` (`survey_id`,`pairing_id`,`person_id`);--> statement-breakpoint
CREATE INDEX `survey_requests_person_idx` ON `survey_requests` (`person_id`);--> statement-breakpoint
CREATE TABLE `surveys` (
	`id` text PRIMARY KEY NOT NULL,
	`program_id` text NOT NULL,
	`title` text NOT NULL,
	`questions` text NOT NULL,
	`trigger` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `surveys_program_idx` ON `surveys` (`program_id`,`created_at`);