ALTER TABLE `people` ADD `language` text;--> statement-breakpoint
ALTER TABLE `programs` ADD `language` text;