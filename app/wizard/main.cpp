#include "embeddedsandboxbackend.h"
#include "wizard/wizardapp.h"

// The shipped program: the wizard with the embedded sandbox as its local backend.
int main(int argc, char **argv) {
    signup::WizardComposition composition;
    composition.localBackend = signup::makeEmbeddedSandboxBackend;
    return signup::runWizardApplication(argc, argv, composition);
}
