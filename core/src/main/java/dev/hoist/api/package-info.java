/** Image names: splitting them and deciding which registry they belong to. */
package dev.hoist.api;
