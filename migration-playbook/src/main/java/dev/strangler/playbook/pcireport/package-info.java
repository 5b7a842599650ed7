/**
 * PCI DSS scope evidence: which processes, databases, tables and columns, database files, Kafka topics and log files
 * hold card numbers, established by scanning them (every text column, every file of the database servers' data
 * directories as bytes, a sample of every topic, every log file) for Luhn-valid numbers, not by declaration. {@link dev.strangler.playbook.pcireport.PciScope} scans,
 * {@link dev.strangler.playbook.pcireport.PciScopeReport} writes the before/after report. Card numbers never leave a
 * scan: findings carry counts, places and last four digits only.
 */
@NullMarked
package dev.strangler.playbook.pcireport;

import org.jspecify.annotations.NullMarked;
