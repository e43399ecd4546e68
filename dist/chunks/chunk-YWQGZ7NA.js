import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  quoteUntrusted
} from "./chunk-Y4GPJUWM.js";

// src/github/event-trust.ts
var OWN_CONTENT_EVENTS = /* @__PURE__ */ new Set([
  "branch_protection_rule",
  "create",
  "delete",
  "deployment",
  "deployment_status",
  "discussion",
  "discussion_comment",
  "fork",
  "gollum",
  "issues",
  "label",
  "merge_group",
  "milestone",
  "page_build",
  "public",
  "push",
  "registry_package",
  "release",
  "repository_dispatch",
  "schedule",
  "watch",
  "workflow_dispatch"
]);
var PULL_REQUEST_EVENTS = /* @__PURE__ */ new Set([
  "pull_request",
  "pull_request_target",
  "pull_request_review",
  "pull_request_review_comment"
]);
var COMMIT_EVENTS = /* @__PURE__ */ new Set(["check_run", "check_suite", "status"]);
function untrusted(reason) {
  return { kind: "untrusted", reason };
}
function field(value, ...path) {
  let current = value;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return void 0;
    current = current[key];
  }
  return current;
}
function text(value) {
  return typeof value === "string" && value !== "" ? value : void 0;
}
function sameRepository(head, base) {
  const headName = text(field(head, "full_name"));
  return Boolean(headName && base && headName.toLowerCase() === base.toLowerCase());
}
function headProblem(head, base) {
  if (typeof head !== "object" || head === null)
    return "its head repository is gone (a deleted fork) or not named";
  if (field(head, "fork") === true) return "it comes from a fork";
  if (!sameRepository(head, base)) return "its head repository is not this repository";
  return void 0;
}
function checkPullRequest(eventName, json, repository) {
  const pullRequest = field(json, "pull_request");
  if (typeof pullRequest !== "object" || pullRequest === null)
    return untrusted(`a ${eventName} event whose payload has no pull_request`);
  const base = text(field(pullRequest, "base", "repo", "full_name")) ?? text(field(json, "repository", "full_name")) ?? repository;
  const problem = headProblem(field(pullRequest, "head", "repo"), base);
  return problem ? untrusted(`a ${eventName} event: ${problem}`) : { kind: "pull-request" };
}
function checkWorkflowRun(json, repository) {
  const workflowRun = field(json, "workflow_run");
  if (typeof workflowRun !== "object" || workflowRun === null)
    return untrusted("a workflow_run event whose payload has no workflow_run");
  const trigger = text(field(workflowRun, "event"));
  if (!trigger || !OWN_CONTENT_EVENTS.has(trigger)) {
    const named = trigger && /^[a-z_]{1,40}$/.test(trigger) ? `a ${trigger}` : "an unnamed";
    return untrusted(`a workflow_run event that follows ${named} run, which may carry a fork's content`);
  }
  const base = text(field(workflowRun, "repository", "full_name")) ?? text(field(json, "repository", "full_name")) ?? repository;
  const problem = headProblem(field(workflowRun, "head_repository"), base);
  return problem ? untrusted(`a workflow_run event whose triggering run: ${problem}`) : { kind: "own" };
}
function checkIssueComment(json) {
  const issue = field(json, "issue");
  if (typeof issue !== "object" || issue === null)
    return untrusted("an issue_comment event whose payload has no issue");
  const pullRequest = field(issue, "pull_request");
  if (pullRequest !== void 0 && pullRequest !== null)
    return untrusted("an issue_comment event on a pull request, whose head may be a fork's");
  return { kind: "own" };
}
function isOwnContentEvent(eventName) {
  return OWN_CONTENT_EVENTS.has(eventName);
}
function checkEventTrust(eventName, payload, repository) {
  if (payload.status === "unusable")
    return untrusted(
      `${eventName ? `a ${eventName} event` : "a run"} whose payload (GITHUB_EVENT_PATH) ${payload.problem}`
    );
  if (eventName === "") return { kind: "own" };
  if (isOwnContentEvent(eventName)) return { kind: "own" };
  if (COMMIT_EVENTS.has(eventName))
    return untrusted(`a ${eventName} event, which can be for a fork's commit without saying so`);
  const carriesPullRequest = PULL_REQUEST_EVENTS.has(eventName) || eventName === "issue_comment" || eventName === "workflow_run";
  if (!carriesPullRequest)
    return untrusted(
      `a ${eventName} event, which release-signer does not know to carry only this repository's content`
    );
  if (payload.status === "absent")
    return untrusted(`a ${eventName} event without its payload (GITHUB_EVENT_PATH is not set)`);
  if (eventName === "issue_comment") return checkIssueComment(payload.json);
  if (eventName === "workflow_run") return checkWorkflowRun(payload.json, repository);
  return checkPullRequest(eventName, payload.json, repository);
}

// src/signing-key-inputs.ts
function readNamedKey(source) {
  const given = source.get("key").trim();
  const password = source.get("key-password") || source.env("COSIGN_PASSWORD") || "";
  if (!given.startsWith("env://")) return { keyPem: given, password, missingKey: "no signing key was given" };
  const variable = given.slice("env://".length);
  return {
    keyPem: (source.env(variable) ?? "").trim(),
    password,
    missingKey: `environment variable ${quoteUntrusted(variable)} is empty or unset`
  };
}

export {
  isOwnContentEvent,
  checkEventTrust,
  readNamedKey
};
