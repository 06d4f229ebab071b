/**
 * The test kit for flavor authors ({@code dev.hoist:hoist-testing}, test scope). It holds:
 * <ul>
 *   <li>{@link dev.hoist.testkit.FlavorContractTest}, the base test every flavor passes: discovered
 *       exactly once under its name, a {@code reference.conf} section, a description, valid URIs
 *       that round-trip, refused URIs whose hints are themselves valid;</li>
 *   <li>{@link dev.hoist.testkit.UriRuleTable}, the rows those tests read;</li>
 *   <li>{@link dev.hoist.testkit.PushHookHarness}, which runs a flavor's push hook as core does;</li>
 *   <li>{@link dev.hoist.testkit.TestHoist}, a {@code Hoist} with only core and the flavor on the class
 *       path (the embedded {@code local} registry removed);</li>
 *   <li>{@link dev.hoist.testkit.RegistryServer}, a real registry on a free loopback port for the test class,
 *       with a small image to push to it.</li>
 * </ul>
 */
package dev.hoist.testkit;
