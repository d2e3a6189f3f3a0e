#!/usr/bin/env bash
# One script for every CI system (pipelines/github, pipelines/gitlab) and for the end-to-end tests:
#
#   scripts/pipeline.sh plan <stack>    terraform init + plan -out; writes to $TRAILWATCH_PLAN_DIR:
#                                       <stack>.tfplan (the saved plan) and <stack>.plan.json (show -json)
#   scripts/pipeline.sh review          trailwatch review of every <stack>.plan.json there, into review.md;
#                                       exits 2 when a --fail-on gate ($TRAILWATCH_FAIL_ON) trips
#   scripts/pipeline.sh apply <stack>   plans again, refuses (exit 3) unless the new plan makes exactly
#                                       the changes of the reviewed <stack>.plan.json, then applies the
#                                       new saved plan (never a plan nobody reviewed)
#
# Credentials come from the environment (OIDC in CI: no stored keys); each stack's provider then
# assumes the deploy role named in its config. Settings (environment variables):
#   TRAILWATCH_PLAN_DIR   where plans and the review go                  (default: plans)
#   TRAILWATCH_STACK_DIR  the stack's Terraform folder                   (default: cdktf.out/stacks/<stack>)
#   TRAILWATCH_FAIL_ON    --fail-on list of `pipeline.sh review`         (default: stateful-destroy)
#   TERRAFORM             terraform binary                               (default: terraform)
set -euo pipefail

usage() {
  echo "usage: $0 plan <stack> | review | apply <stack>" >&2
  exit 64
}

cmd="${1:-}"
stack="${2:-}"
plan_dir="${TRAILWATCH_PLAN_DIR:-plans}"
tf="${TERRAFORM:-terraform}"
export TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1

stack_dir() {
  local dir="${TRAILWATCH_STACK_DIR:-cdktf.out/stacks/$stack}"
  if [[ ! -f "$dir/cdk.tf.json" ]]; then
    # Synthesize once per job; synth validates every environment and writes nothing on bad config.
    npm run --silent synth >&2
  fi
  if [[ ! -f "$dir/cdk.tf.json" ]]; then
    echo "pipeline.sh: no stack $stack ($dir/cdk.tf.json missing); stacks: $(find cdktf.out/stacks -mindepth 1 -maxdepth 1 -printf '%f ' 2>/dev/null)" >&2
    exit 66
  fi
  echo "$dir"
}

# The changes a plan makes, as one hash: resource addresses, actions and planned values, and outputs.
# Timestamps, no-op resources and Terraform's own bookkeeping are left out, so the same change planned
# twice has the same digest.
plan_digest() {
  node -e '
    const p = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const changes = (p.resource_changes || [])
      .filter((r) => !r.change.actions.every((a) => a === "no-op" || a === "read"))
      .map((r) => [r.address, r.change.actions, r.change.before, r.change.after, r.change.after_unknown]);
    const outputs = Object.entries(p.output_changes || {}).filter(([, c]) => !c.actions.every((a) => a === "no-op"));
    process.stdout.write(require("crypto").createHash("sha256").update(JSON.stringify([changes, outputs])).digest("hex"));
  ' "$1"
}

plan_to() {
  local dir="$1" out="$2"
  "$tf" -chdir="$dir" init -input=false -no-color >&2
  "$tf" -chdir="$dir" plan -input=false -no-color -lock-timeout=5m -out="$out" >&2
}

case "$cmd" in
  plan)
    [[ -n "$stack" ]] || usage
    dir="$(stack_dir)"
    mkdir -p "$plan_dir"
    abs="$(cd "$plan_dir" && pwd)"
    plan_to "$dir" "$abs/$stack.tfplan"
    "$tf" -chdir="$dir" show -json -no-color "$abs/$stack.tfplan" >"$abs/$stack.plan.json"
    echo "pipeline.sh: planned $stack into $plan_dir/$stack.tfplan and $plan_dir/$stack.plan.json" >&2
    ;;
  review)
    shopt -s nullglob
    plans=("$plan_dir"/*.plan.json)
    if [[ ${#plans[@]} -eq 0 ]]; then
      echo "pipeline.sh: no *.plan.json in $plan_dir; run \`$0 plan <stack>\` first" >&2
      exit 66
    fi
    npx --no-install trailwatch review "${plans[@]}" --out "$plan_dir/review.md" --fail-on "${TRAILWATCH_FAIL_ON:-stateful-destroy}"
    ;;
  apply)
    [[ -n "$stack" ]] || usage
    reviewed="$plan_dir/$stack.plan.json"
    if [[ ! -f "$reviewed" ]]; then
      echo "pipeline.sh: no reviewed plan $reviewed: refusing to apply a plan nobody reviewed" >&2
      exit 3
    fi
    dir="$(stack_dir)"
    abs="$(cd "$plan_dir" && pwd)"
    plan_to "$dir" "$abs/$stack.apply.tfplan"
    "$tf" -chdir="$dir" show -json -no-color "$abs/$stack.apply.tfplan" >"$abs/$stack.apply.plan.json"
    if [[ "$(plan_digest "$reviewed")" != "$(plan_digest "$abs/$stack.apply.plan.json")" ]]; then
      echo "pipeline.sh: the plan of $stack now differs from the reviewed one ($reviewed): refusing to apply." >&2
      echo "pipeline.sh: something changed since the review (another merge, drift); plan and review again." >&2
      exit 3
    fi
    "$tf" -chdir="$dir" apply -input=false -no-color -lock-timeout=5m "$abs/$stack.apply.tfplan" >&2
    echo "pipeline.sh: applied the reviewed plan of $stack" >&2
    ;;
  *)
    usage
    ;;
esac
