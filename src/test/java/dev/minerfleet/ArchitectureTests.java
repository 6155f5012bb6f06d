package dev.minerfleet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** The arrows between features, each with its reason. */
@AnalyzeClasses(packages = "dev.minerfleet", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule chainIsPureJava = classes().that()
		.resideInAPackage("dev.minerfleet.chain..")
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("dev.minerfleet.chain..", "java..", "org.jspecify..")
		.because("consensus must be testable and reusable without Spring, MQTT or I/O");

	@ArchTest
	static final ArchRule miningKnowsOnlyTheChain = classes().that()
		.resideInAPackage("dev.minerfleet.mining..")
		.and()
		.haveSimpleNameNotEndingWith("Coordinator")
		.and()
		.haveSimpleNameNotEndingWith("Configuration")
		.and()
		.haveSimpleNameNotEndingWith("Properties")
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("dev.minerfleet.chain..", "dev.minerfleet.mining..", "java..", "org.jspecify..")
		.because("the nonce search is pure and hands found blocks to a port; it never knows the node");

	@ArchTest
	static final ArchRule mempoolIsPure = classes().that()
		.haveSimpleName("Mempool")
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("dev.minerfleet.chain..", "dev.minerfleet.mempool..", "java..", "org.jspecify..")
		.because("the mempool's rules are domain rules");

	@ArchTest
	static final ArchRule noCycles = slices().matching("dev.minerfleet.(*)..")
		.should()
		.beFreeOfCycles()
		.because("features depend inward only");

	@ArchTest
	static final ArchRule domainNeverReachesOutward = noClasses().that()
		.resideInAnyPackage("dev.minerfleet.chain..", "dev.minerfleet.mempool..", "dev.minerfleet.mining..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.minerfleet.node..", "dev.minerfleet.messaging..", "dev.minerfleet.api..",
				"dev.minerfleet.metrics..", "dev.minerfleet.fleet..", "dev.minerfleet.storage..",
				"dev.minerfleet.network..")
		.because("dependencies point inward");

	@ArchTest
	static final ArchRule networkKnowsNoOtherFeature = classes().that()
		.resideInAPackage("dev.minerfleet.network..")
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("dev.minerfleet.network..", "java..", "org.jspecify..", "org.slf4j..",
				"org.springframework..")
		.because("the simulated network is applied by messaging, changed by api and counted by metrics; it knows"
				+ " none of them, nor the chain it delays");

	@ArchTest
	static final ArchRule networkModelIsPureJava = classes().that()
		.resideInAPackage("dev.minerfleet.network..")
		.and()
		.haveSimpleNameNotEndingWith("Configuration")
		.and()
		.haveSimpleNameNotEndingWith("Properties")
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("dev.minerfleet.network..", "java..", "org.jspecify..", "org.slf4j..")
		.because("conditions, partitions, jitter draws and the delay line are tested without Spring");

	@ArchTest
	static final ArchRule storageSitsBehindTheArchivePort = noClasses().that()
		.resideOutsideOfPackage("dev.minerfleet.storage..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.minerfleet.storage..")
		.because("the node keeps its blocks through its BlockArchive port; the file format is storage's alone");

	@ArchTest
	static final ArchRule storageKnowsOnlyTheChainAndTheNodesPort = classes().that()
		.resideInAPackage("dev.minerfleet.storage..")
		.should()
		.onlyDependOnClassesThat()
		.resideOutsideOfPackages("dev.minerfleet.messaging..", "dev.minerfleet.api..", "dev.minerfleet.metrics..",
				"dev.minerfleet.fleet..", "dev.minerfleet.mining..", "dev.minerfleet.mempool..")
		.because("storage plugs into the node; it never reaches the network, the API or the miner");

	@ArchTest
	static final ArchRule onlyTheApiImportsSpringWeb = noClasses().that()
		.resideOutsideOfPackage("dev.minerfleet.api..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.web..", "jakarta.servlet..")
		.because("every miner's HTTP surface, the live view's event stream included, is the api's; the local fleet's"
				+ " view is a plain JDK server that passes requests on to the miners' own API");

	@ArchTest
	static final ArchRule noStandardStreams = noClasses().that()
		.doNotHaveFullyQualifiedName("dev.minerfleet.Minerfleet")
		.should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
		.because("services log through SLF4J; only the command-line entry point hands stdout to its reports");

	@ArchTest
	static final ArchRule noFieldInjection = GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

}
