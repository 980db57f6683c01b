/**
 * Destination templates: what a target receives of each record and which records it receives
 * automatically. {@link TemplateReader} checks a template by its schema and by rules the schema
 * cannot state (Jakarta Bean Validation), reporting every violation.
 */
package org.gapsync.format.template;
