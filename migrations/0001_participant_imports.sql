CREATE TABLE `participant_imports` (
	`id` text PRIMARY KEY NOT NULL,
	`program_id` text NOT NULL,
	`imported_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`added` integer NOT NULL,
	`present` integer NOT NULL,
	`bad_count` integer NOT NULL,
	`bad` text NOT NULL,
	`notices` text NOT NULL,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`imported_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `participant_imports_program_idx` ON `participant_imports` (`program_id`,`created_at`);