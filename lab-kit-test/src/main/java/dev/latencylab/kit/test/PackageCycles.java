package dev.latencylab.kit.test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

/**
 * The house rule of every module: its packages depend on each other one way only, so that
 * each can be read (and changed) knowing only the ones below it.
 */
public final class PackageCycles {

	private PackageCycles() {
	}

	/**
	 * Fails, naming the imports, when a package below the base imports one that imports
	 * it back (directly or through others); the module's main classes only.
	 * @param basePackage the module's root package, e.g. {@code dev.latencylab.checkout}
	 */
	public static void assertNone(String basePackage) {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(basePackage);
		SlicesRuleDefinition.slices().matching(basePackage + ".(*)..").should().beFreeOfCycles().check(classes);
	}

}
