global using AirflowAspire.Dashboard.Tests.TestSupport;
global using Microsoft.Playwright;
global using static Microsoft.Playwright.Assertions;

// Each test starts its own Chromium; on two cores, one at a time keeps them from starving each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
