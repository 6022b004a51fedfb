export declare const EXTENSION_ID: 'carecycle.carecycle-vscode';
export declare const DEMO_KEY: string;
export declare const FORBIDDEN_KEY: string;
export declare const EXPIRED_KEY: string;
export declare const OTHER_KEY: string;
export declare const SAMPLE_IDS: {
  readonly margaret: string; readonly robert: string; readonly linda: string; readonly james: string;
  readonly patricia: string; readonly william: string; readonly dorothy: string; readonly charles: string;
  readonly barbara: string; readonly george: string; readonly helen: string; readonly frank: string;
  readonly nil: string; readonly upperCase: string;
};
export declare const UNKNOWN_ID: string;
