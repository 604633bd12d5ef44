// A banner for a condition that stops a direction, with the back end's message and the way out.
import type { Problem } from '../../shared/api';

interface ProblemBannerProps {
  title: string;
  problem: Problem;
  /** What the user should do, when the UI knows better than the generic message. */
  next?: string;
}

export function ProblemBanner({ title, problem, next }: ProblemBannerProps) {
  return (
    <div role="alert" className="alert alert-warning banner">
      <strong>{title}.</strong> <span>{problem.message}</span>
      {next && <p>{next}</p>}
    </div>
  );
}
