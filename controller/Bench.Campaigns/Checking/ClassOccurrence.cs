namespace Bench.Campaigns.Checking;

/// <summary>One transaction standing for its class: its key, trial, and what happened.</summary>
public sealed record ClassOccurrence(string LedgerKey, TrialReference? Trial, string WhatHappened);
