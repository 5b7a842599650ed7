/**
 * Test support: {@link dev.strangler.lab.junit.TestLab} starts each real component once per test JVM on free ports;
 * {@link dev.strangler.lab.junit.LabExtension} hands them to JUnit test methods as parameters.
 */
@NullMarked
package dev.strangler.lab.junit;

import org.jspecify.annotations.NullMarked;
