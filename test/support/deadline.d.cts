export declare const SCALE: number;
export declare const STEP_MS: number;
export declare const TEST_MS: number;
export declare const SUITE_MS: number;
export declare const RETRY_MS: number;
export declare function retryPatience(attempt: number): number;
export declare const REQUEST_LIMIT_MS: number;
